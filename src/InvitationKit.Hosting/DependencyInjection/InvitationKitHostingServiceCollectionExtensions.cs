using InvitationKit.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers InvitationKit's background services on a generic host.</summary>
public static class InvitationKitHostingServiceCollectionExtensions
{
    /// <summary>
    /// Adds a hosted service that drains the mail outbox (<see cref="InvitationKit.IInvitationDispatcher"/>) and marks
    /// overdue invitations expired, on the intervals of <see cref="InvitationKitBackgroundOptions"/>, and stops cleanly
    /// on shutdown. Call it beside <c>AddInvitationKit(...)</c>; run it on every instance, or on some.
    /// </summary>
    /// <remarks>
    /// The service reads time only from the kit's <see cref="NodaTime.IClock"/> (so <c>UseFakeClock</c> drives when a
    /// sweep is due) and registers no <see cref="TimeProvider"/>; it pauses <see cref="InvitationKitBackgroundOptions.DispatchInterval"/>
    /// of real time between runs.
    /// </remarks>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the intervals; optional.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddInvitationKitBackgroundServices(this IServiceCollection services, Action<InvitationKitBackgroundOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<InvitationKitBackgroundOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationKitBackgroundOptions>, InvitationKitBackgroundOptionsValidator>());
        services.AddHostedService<InvitationKitBackgroundService>();
        return services;
    }
}
