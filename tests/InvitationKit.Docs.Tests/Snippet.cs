namespace InvitationKit.Docs.Tests;

/// <summary>
/// One C# block of the documentation, with the hidden context that makes it a whole program: statements put after the
/// block's <c>using</c> directives (e.g. a <c>services</c> variable), and declarations put after it (e.g. the reader's
/// own <c>MyStore</c>).
/// </summary>
/// <param name="File">The markdown file, relative to the repository's root.</param>
/// <param name="Line">The line of the opening fence.</param>
/// <param name="Code">The block as the reader sees it.</param>
/// <param name="Before">Hidden statements, placed after the block's using directives.</param>
/// <param name="After">Hidden declarations, placed after the block.</param>
/// <param name="Console">Whether the block is compiled as a console app (else as an ASP.NET Core app, with its implicit usings).</param>
public sealed record Snippet(string File, int Line, string Code, string Before, string After, bool Console)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}";
}
