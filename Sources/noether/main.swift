import NoetherCLI

// The built-in systems are in SystemRegistry.shared already; a user's own executable
// registers its systems here before running the command tree.
NoetherCommand.main()
