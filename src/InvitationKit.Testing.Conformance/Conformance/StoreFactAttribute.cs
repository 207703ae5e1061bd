using Xunit;
using Xunit.Sdk;

namespace InvitationKit.Testing.Conformance;

/// <summary>A conformance test: runs like <see cref="FactAttribute"/>, or is skipped as its class's <see cref="StoreAvailabilityAttribute"/> says.</summary>
[XunitTestCaseDiscoverer("InvitationKit.Testing.Conformance.StoreFactDiscoverer", "InvitationKit.Testing.Conformance")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute
{
}
