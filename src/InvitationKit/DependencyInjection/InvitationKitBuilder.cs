namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddInvitationKit</c>; store and port packages plug in through extension methods on it.</summary>
public sealed class InvitationKitBuilder
{
    internal InvitationKitBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }
}
