namespace InvitationKit.Docs.Tests;

/// <summary>
/// Reads the C# blocks of a markdown file. A block may be preceded, on the lines just above its fence, by a hidden
/// context comment:
/// <code>
/// &lt;!-- snippet console
/// var services = new ServiceCollection();
/// ---
/// sealed class MyMailer : IInvitationMailer { … }
/// --&gt;
/// </code>
/// <c>console</c> (optional) compiles it as a console app rather than an ASP.NET Core app; the lines before
/// <c>---</c> are statements placed after the block's usings, the lines after it are declarations placed after the block.
/// </summary>
public static class SnippetReader
{
    private static readonly string[] CSharpFences = ["```csharp", "```cs", "```c#"];

    /// <summary>Every C# block of the file.</summary>
    /// <param name="root">The repository's root.</param>
    /// <param name="relativePath">The markdown file, relative to the root.</param>
    /// <returns>The blocks, in order.</returns>
    public static IEnumerable<Snippet> Read(string root, string relativePath)
    {
        var lines = File.ReadAllLines(Path.Combine(root, relativePath));
        for (var i = 0; i < lines.Length; i++)
        {
            if (!CSharpFences.Contains(lines[i].Trim(), StringComparer.Ordinal))
            {
                continue;
            }

            var start = i;
            var indent = lines[i].Length - lines[i].TrimStart().Length; // a block inside a list item is indented
            var code = new List<string>();
            for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
            {
                code.Add(lines[i].Length >= indent && string.IsNullOrWhiteSpace(lines[i][..indent]) ? lines[i][indent..] : lines[i].TrimStart());
            }

            var (before, after, console) = ReadContext(lines, start);
            yield return new Snippet(relativePath.Replace('\\', '/'), start + 1, string.Join('\n', code), before, after, console);
        }
    }

    private static (string Before, string After, bool Console) ReadContext(string[] lines, int fence)
    {
        if (fence == 0 || lines[fence - 1].Trim() != "-->")
        {
            return ("", "", false);
        }

        var open = fence - 1;
        while (open > 0 && !lines[open].TrimStart().StartsWith("<!--", StringComparison.Ordinal))
        {
            open--;
        }

        var header = lines[open].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (header is not ["<!--", "snippet", ..])
        {
            return ("", "", false);
        }

        var body = lines[(open + 1)..(fence - 1)];
        var separator = Array.FindIndex(body, line => line.Trim() == "---");
        return separator < 0
            ? (string.Join('\n', body), "", header.Contains("console"))
            : (string.Join('\n', body[..separator]), string.Join('\n', body[(separator + 1)..]), header.Contains("console"));
    }
}
