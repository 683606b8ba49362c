import NetfigCommands

NetfigMain.main()
