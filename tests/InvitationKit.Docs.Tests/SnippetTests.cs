namespace InvitationKit.Docs.Tests;

/// <summary>Every C# block of README.md, docs/ and the packages' READMEs compiles.</summary>
public sealed class SnippetTests
{
    /// <summary>Each block by its place (<c>file:line</c>), so each is a test case of its own.</summary>
    public static TheoryData<string> Places() => new(AllSnippets().Select(snippet => snippet.ToString()));

    [Theory]
    [MemberData(nameof(Places))]
    public void The_snippet_compiles(string place)
    {
        var errors = SnippetCompiler.Compile(AllSnippets().Single(snippet => snippet.ToString() == place));
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void A_snippet_that_does_not_compile_is_caught()
    {
        var broken = new Snippet("README.md", 1, "var manager = new InvitationKit.InvitationManager();\nmanager.ResolveAsync(User);", "", "", Console: true);
        Assert.NotEmpty(SnippetCompiler.Compile(broken));
    }

    [Fact]
    public void Every_markdown_file_is_read_and_every_csharp_block_is_found()
    {
        Assert.Contains("README.md", MarkdownFiles());
        Assert.Contains("docs/aspnetcore.md", MarkdownFiles());
        var blocks = MarkdownFiles().Sum(file => File.ReadAllLines(Path.Combine(RepositoryFiles.Root, file)).Count(line => line.Trim() is "```csharp" or "```cs" or "```c#"));
        Assert.Equal(blocks, AllSnippets().Count());
    }

    private static IEnumerable<Snippet> AllSnippets() => MarkdownFiles().SelectMany(file => SnippetReader.Read(RepositoryFiles.Root, file));

    private static List<string> MarkdownFiles() =>
    [
        "README.md",
        .. Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "docs"), "*.md").Order(StringComparer.Ordinal).Select(path => "docs/" + Path.GetFileName(path)),
        .. Directory.GetDirectories(Path.Combine(RepositoryFiles.Root, "src")).Order(StringComparer.Ordinal)
            .Where(project => File.Exists(Path.Combine(project, "README.md")))
            .Select(project => $"src/{Path.GetFileName(project)}/README.md"),
    ];
}
