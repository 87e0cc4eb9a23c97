import Testing
@testable import TrygShell

@Suite struct LaunchOptionsTests {
    @Test func scriptsInOrder() throws {
        let o = try LaunchOptions.parse(["-c", "a", "x.tryg", "-f", "y.tryg", "--command=b", "-"])
        #expect(o.scripts == [.command("a"), .file("x.tryg"), .file("y.tryg"), .command("b"), .file("-")])
        #expect(o.action == .run)
    }

    @Test func options() throws {
        let o = try LaunchOptions.parse(["--data", "d", "--format", "json", "--param", "lib=Blågården",
                                          "--param=$n=5", "--keep-going"])
        #expect(o.dataDirectory == "d")
        #expect(o.format == .json)
        #expect(o.parameters == ["lib": "Blågården", "n": "5"])
        #expect(o.keepGoing)
    }

    @Test func dataGivenTwiceIsAnError() {
        #expect(throws: LaunchOptions.UsageError.self) { try LaunchOptions.parse(["--data", "a", "--data", "b/x.csv"]) }
        #expect(throws: LaunchOptions.UsageError.self) { try LaunchOptions.parse(["--data=a", "--data=a"]) }
    }

    @Test func helpVersionGenerate() throws {
        #expect(try LaunchOptions.parse(["--help"]).action == .help)
        #expect(try LaunchOptions.parse(["-V"]).action == .version)
        #expect(try LaunchOptions.parse(["generate", "--out", "o", "--seed", "7", "--scale", "3"]).action
                == .generate(out: "o", seed: 7, scale: 3, descriptions: .freeText))
        #expect(try LaunchOptions.parse(["generate", "--out=o"]).action
                == .generate(out: "o", seed: 1, scale: 1, descriptions: .freeText))
        #expect(try LaunchOptions.parse(["generate", "--out", "o", "--descriptions", "templates"]).action
                == .generate(out: "o", seed: 1, scale: 1, descriptions: .templates))
    }

    @Test(arguments: [["--format", "xml"], ["--param", "novalue"], ["-c"], ["--bogus"], ["generate"],
                      ["generate", "--out", "o", "--scale", "0"],
                      ["generate", "--out", "o", "--descriptions", "long"], ["--param", "=x"]])
    func usageErrors(_ args: [String]) {
        #expect(throws: LaunchOptions.UsageError.self) { try LaunchOptions.parse(args) }
    }

    @Test func suggestion() {
        do {
            _ = try LaunchOptions.parse(["--keep-goin"])
        } catch {
            #expect(error.message == "unknown option '--keep-goin'; did you mean --keep-going?")
        }
    }
}
