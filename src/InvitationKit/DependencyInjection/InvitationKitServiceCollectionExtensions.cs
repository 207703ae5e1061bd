using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using InvitationKit.Diagnostics;
using InvitationKit.Delivery;
using InvitationKit;
using InvitationKit.Limits;
using InvitationKit.Permissions;
using InvitationKit.Ports;
using InvitationKit.Secrets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers InvitationKit. Calling it more than once is harmless.</summary>
public static class InvitationKitServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IInvitationManager"/> and its defaults: the system clock, a catalog where every product is shared,
    /// no-op audit and active-account hooks, the default role grant policy and in-process rate limits. The host still registers the store, the user and account directories and the
    /// mailer (or plugs the in-memory ones from <c>InvitationKit.Testing</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options; <see cref="InvitationKitOptions.SecretKey"/> must be set.</param>
    /// <returns>A builder to plug stores and ports into.</returns>
    public static InvitationKitBuilder AddInvitationKit(this IServiceCollection services, Action<InvitationKitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<InvitationKitOptions>().ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationKitOptions>, InvitationKitOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationKitOptions>, InvitationKitPortsValidator>());
#pragma warning disable RS0030 // The one place the system clock is chosen: as the default the host can replace.
        services.TryAddSingleton<IClock>(SystemClock.Instance);
#pragma warning restore RS0030
        services.TryAddSingleton<IProductCatalog, SharedProductCatalog>();
        services.TryAddSingleton<IActiveAccountObserver, NullActiveAccountObserver>();
        services.TryAddSingleton<IInvitationEventSink, NullInvitationEventSink>();
        services.TryAddSingleton<IRoleGrantPolicy, HeldRolesGrantPolicy>();
        services.TryAddSingleton<IRoleCatalog, AnyRoleCatalog>();
        services.TryAddSingleton<IInvitationRateLimiter, InProcessInvitationRateLimiter>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<InvitationKitOptions>>().Value; // validated: throws listing every problem
            return new SecretHasher(new SecretKeyRing(options.SecretKey!, options.PreviousSecretKeys));
        });
        services.TryAddSingleton<SecretIssuer>();
        // Every service that takes a port is made by a factory that reads the validated options first, so a missing port
        // is the kit's OptionsValidationException naming each port and its fix, with or without a generic host, instead
        // of DI's "Unable to resolve service" from building the call site.
        services.TryAddScoped(sp =>
        {
            ThrowIfInvalid(sp);
            return new InvitationStoreSet(
                sp.GetRequiredService<IInvitationStore>(),
                sp.GetRequiredService<IMemberStore>(),
                sp.GetRequiredService<IOtpBudgetStore>(),
                sp.GetRequiredService<IInvitationOutbox>(),
                sp.GetRequiredService<IInvitationMaintenanceStore>(),
                sp.GetService<ILogger<InvitationStoreSet>>() ?? (ILogger)NullLogger.Instance);
        });
        services.TryAddScoped(ValidatedFactory<InvitationSender>());
        services.TryAddScoped(ValidatedFactory<InvitationNoticeSender>());
        services.TryAddScoped(ValidatedFactory<InvitationReminders>());
        services.TryAddScoped<IInvitationDispatcher>(ValidatedFactory<InvitationDispatcher>());
        services.TryAddSingleton(sp => new InvitationKitTelemetry(sp.GetService<IMeterFactory>()));
        services.TryAddScoped(ValidatedFactory<InvitationManager>());
        services.TryAddScoped<IInvitationManager, InstrumentedInvitationManager>();
        return new InvitationKitBuilder(services);
    }

    /// <summary>Reads the options, which runs every validator: throws <see cref="OptionsValidationException"/> listing every problem, each missing port with its fix.</summary>
    private static void ThrowIfInvalid(IServiceProvider services) => _ = services.GetRequiredService<IOptions<InvitationKitOptions>>().Value;

    /// <summary>
    /// A factory for <typeparamref name="T"/> that checks the options before any of its constructor's services is
    /// resolved, then creates it as DI would. The options are validated once and cached, so the check is cheap.
    /// </summary>
    private static Func<IServiceProvider, T> ValidatedFactory<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>()
        where T : class
    {
        ObjectFactory<T>? create = null;
        return sp =>
        {
            ThrowIfInvalid(sp);
            return (create ??= ActivatorUtilities.CreateFactory<T>(Type.EmptyTypes))(sp, null);
        };
    }
}
