namespace InvitationKit.Tests.Docs;

/// <summary>docs/configuration.md lists every option, so a new one cannot ship undocumented.</summary>
public sealed class ConfigurationReferenceTests
{
    [Fact]
    public void Every_option_is_documented()
    {
        var reference = RepositoryFiles.Read(Path.Combine("docs", "configuration.md"));
        var options = typeof(InvitationKitOptions).GetProperties().Concat(typeof(InvitationRateLimitOptions).GetProperties()).Concat(typeof(InvitationDeliveryOptions).GetProperties());
        Assert.Empty(options.Where(p => !reference.Contains($"| `{p.Name}` |", StringComparison.Ordinal)).Select(p => p.Name));
    }
}
