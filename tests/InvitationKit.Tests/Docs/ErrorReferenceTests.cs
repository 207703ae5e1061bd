namespace InvitationKit.Tests.Docs;

/// <summary>docs/errors.md documents every error code, with its stable value.</summary>
public sealed class ErrorReferenceTests
{
    [Fact]
    public void Every_error_code_is_documented_with_its_value()
    {
        var reference = RepositoryFiles.Read(Path.Combine("docs", "errors.md")).ReplaceLineEndings("\n");
        var undocumented = Enum.GetValues<InvitationErrorCode>()
            .Where(code => !reference.Contains($"\n## {code}\n\nValue {(int)code}.", StringComparison.Ordinal)
                || !reference.Contains($"| [`{code}`](#{code.ToString().ToLowerInvariant()}) | {(int)code} |", StringComparison.Ordinal))
            .ToArray();
        Assert.Empty(undocumented);
    }
}
