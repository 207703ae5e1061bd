using System.Text.RegularExpressions;

namespace InvitationKit.Tests.Docs;

/// <summary>docs/architecture.md stays true: every file it names exists, and every port interface is in its table.</summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Page = RepositoryFiles.Read(Path.Combine("docs", "architecture.md")).ReplaceLineEndings("\n");

    [Fact]
    public void Every_file_the_page_names_exists()
    {
        var named = FilePath().Matches(Page).Select(m => m.Groups["path"].Value).Distinct().ToArray();
        Assert.True(named.Length >= 30, $"the rule table names {named.Length} files");
        var missing = named.Where(path => !File.Exists(Path.Combine(RepositoryFiles.Root, path))).ToArray();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_port_is_in_the_ports_table()
    {
        var ports = typeof(IInvitationStore).Assembly.GetExportedTypes()
            .Where(t => t.IsInterface && t.Namespace == typeof(IInvitationStore).Namespace)
            .Select(t => t.Name);
        var absent = ports.Where(port => !Page.Contains($"\n| `{port}` |", StringComparison.Ordinal)).ToArray();
        Assert.Empty(absent);
    }

    [GeneratedRegex("`(?<path>src/[^`]+\\.cs)`")]
    private static partial Regex FilePath();
}
