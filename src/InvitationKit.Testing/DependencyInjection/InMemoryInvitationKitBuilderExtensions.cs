using InvitationKit.Ports;
using InvitationKit.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Plugs the in-memory ports of <c>InvitationKit.Testing</c> into InvitationKit.</summary>
public static class InMemoryInvitationKitBuilderExtensions
{
    /// <summary>
    /// Registers the in-memory store, user and account directories, and capturing mailer as singletons — each resolvable
    /// both as its port and as its concrete type, to seed data and read captured mail. Ports already registered are kept.
    /// </summary>
    /// <param name="builder">The builder from <c>AddInvitationKit</c>.</param>
    /// <returns>The builder.</returns>
    public static InvitationKitBuilder UseInMemoryPorts(this InvitationKitBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        Add<IInvitationStore, InMemoryInvitationStore>(services);
        Add<IUserDirectory, InMemoryUserDirectory>(services);
        Add<IAccountDirectory, InMemoryAccountDirectory>(services);
        Add<IInvitationMailer, CapturingMailer>(services);
        return builder;
    }

    /// <summary>Registers a fixed clock under the test's control, replacing the system clock.</summary>
    /// <param name="builder">The builder from <c>AddInvitationKit</c>.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The builder.</returns>
    public static InvitationKitBuilder UseFakeClock(this InvitationKitBuilder builder, FakeClock clock)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(clock);
        builder.Services.Replace(ServiceDescriptor.Singleton<NodaTime.IClock>(clock));
        builder.Services.TryAddSingleton(clock);
        return builder;
    }

    private static void Add<TPort, TImplementation>(IServiceCollection services)
        where TPort : class
        where TImplementation : class, TPort
    {
        services.TryAddSingleton<TImplementation>();
        services.TryAddSingleton<TPort>(sp => sp.GetRequiredService<TImplementation>());
    }
}
