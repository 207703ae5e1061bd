using System.Reflection;
using InvitationKit.Testing.Conformance;
using Xunit.Sdk;

namespace InvitationKit.Tests.Conformance;

/// <summary>
/// A [StoreFact] whose discoverer cannot be found is silently never run (xunit finds no test case), so a package move
/// or rename would drop the whole conformance and attack suites without a failure. This keeps the name right.
/// </summary>
public sealed class StoreFactDiscoveryTests
{
    [Fact]
    public void The_store_fact_discoverer_resolves()
    {
        var discoverer = typeof(StoreFactAttribute).GetCustomAttributesData().Single(a => a.AttributeType == typeof(XunitTestCaseDiscovererAttribute));
        var (typeName, assemblyName) = ((string)discoverer.ConstructorArguments[0].Value!, (string)discoverer.ConstructorArguments[1].Value!);
        Assert.Equal(typeof(StoreFactDiscoverer), Type.GetType($"{typeName}, {assemblyName}"));
    }

    [Fact]
    public void The_conformance_suite_is_discovered_in_full()
    {
        var facts = typeof(InvitationStoreConformanceTests).GetMethods(BindingFlags.Public | BindingFlags.Instance).Count(m => m.IsDefined(typeof(StoreFactAttribute)));
        Assert.True(facts >= 29, $"only {facts} conformance tests");
    }
}
