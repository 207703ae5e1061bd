using Xunit.Abstractions;
using Xunit.Sdk;

namespace InvitationKit.Testing.Conformance;

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests, skipping them when the class's store is unavailable.</summary>
/// <param name="diagnosticMessageSink">xunit's diagnostic sink.</param>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var skipReason = SkipReason(testMethod.TestClass.Class);
        yield return skipReason is null
            ? new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)
            : new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, skipReason);
    }

    private static string? SkipReason(ITypeInfo testClass)
    {
        var type = (testClass as IReflectionTypeInfo)?.Type;
        var attribute = type?.GetCustomAttributes(typeof(StoreAvailabilityAttribute), inherit: true).OfType<StoreAvailabilityAttribute>().FirstOrDefault();
        return attribute is null ? null : ((IStoreAvailability)Activator.CreateInstance(attribute.Availability)!).SkipReason;
    }
}
