import AMIKeyCLI

/// The executable: everything else lives in AMIKeyCLI so it can be tested.
@main
enum Entry {
    static func main() async {
        await RootCommand.main()
    }
}
