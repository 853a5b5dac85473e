import PackagePlugin
@main struct G: CommandPlugin { func performCommand(context: PluginContext, arguments: [String]) async throws {} }
