using System.Diagnostics.CodeAnalysis;
using InvitationKit.Ports;
using InvitationKit.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime.Testing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Plugs the in-memory ports of <c>InvitationKit.Testing</c> into InvitationKit.</summary>
public static class InMemoryInvitationKitBuilderExtensions
{
    /// <summary>
    /// Registers the in-memory store, user directory (also the user contact directory) and account directory, and capturing mailer and notice mailer as singletons — each resolvable
    /// both as its port and as its concrete type, to seed data and read captured mail. Ports already registered are kept.
    /// </summary>
    /// <param name="builder">The builder from <c>AddInvitationKit</c>.</param>
    /// <returns>The builder.</returns>
    public static InvitationKitBuilder UseInMemoryPorts(this InvitationKitBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var ownStore = !services.Any(d => d.ServiceType == typeof(IInvitationStore));
        Add<IInvitationStore, InMemoryInvitationStore>(services);
        Add<IMemberStore, InMemoryInvitationStore>(services);
        Add<IOtpBudgetStore, InMemoryInvitationStore>(services);
        Add<IInvitationOutbox, InMemoryInvitationStore>(services);
        Add<IInvitationMaintenanceStore, InMemoryInvitationStore>(services);
        if (ownStore)
        {
            // Joins write memberships: only beside the in-memory store's own, never beside a store registered before.
            Add<IEmailDomainStore, InMemoryInvitationStore>(services);
        }

        Add<IUserDirectory, InMemoryUserDirectory>(services);
        Add<IUserContactDirectory, InMemoryUserDirectory>(services);
        Add<IAccountDirectory, InMemoryAccountDirectory>(services);
        Add<IInvitationMailer, CapturingMailer>(services);
        Add<IInvitationNoticeMailer, CapturingNoticeMailer>(services);
        return builder;
    }

    /// <summary>
    /// Registers NodaTime's <see cref="FakeClock"/> (from NodaTime.Testing) as the clock, replacing the system clock; it
    /// is also resolvable as <see cref="FakeClock"/>, to advance it. It is the kit's only clock: invitation expiry, codes,
    /// mail retries, the in-process throttles and the expiry sweeps of <c>InvitationKit.Hosting</c> all follow it.
    /// </summary>
    /// <param name="builder">The builder from <c>AddInvitationKit</c>.</param>
    /// <param name="clock">The clock, e.g. <c>new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0))</c>.</param>
    /// <returns>The builder.</returns>
    public static InvitationKitBuilder UseFakeClock(this InvitationKitBuilder builder, FakeClock clock)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(clock);
        builder.Services.Replace(ServiceDescriptor.Singleton<NodaTime.IClock>(clock));
        builder.Services.TryAddSingleton(clock);
        return builder;
    }

    private static void Add<TPort, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(IServiceCollection services)
        where TPort : class
        where TImplementation : class, TPort
    {
        services.TryAddSingleton<TImplementation>();
        services.TryAddSingleton<TPort>(sp => sp.GetRequiredService<TImplementation>());
    }
}
