using System.Diagnostics.CodeAnalysis;
using InvitationKit.Ports;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddInvitationKit</c>; store and port packages plug in through extension methods on it.</summary>
public sealed class InvitationKitBuilder
{
    internal InvitationKitBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Uses <typeparamref name="TStore"/>, one class implementing every store role, as InvitationKit's store: one scoped
    /// instance serves <see cref="IInvitationStore"/>, <see cref="IMemberStore"/>, <see cref="IOtpBudgetStore"/>,
    /// <see cref="IInvitationOutbox"/> and <see cref="IInvitationMaintenanceStore"/>, and the kit uses its
    /// <see cref="ICombinedStoreOperations"/> when it implements them, and its <see cref="IEmailDomainStore"/> when it
    /// implements that (without it, no account has email domains and setting them fails). Replaces any store registered before; to keep the
    /// OTP budget elsewhere, register your <see cref="IOtpBudgetStore"/> after this call.
    /// </summary>
    /// <typeparam name="TStore">The store, created through DI.</typeparam>
    /// <returns>This builder.</returns>
    public InvitationKitBuilder UseStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>()
        where TStore : class, IInvitationStore, IMemberStore, IOtpBudgetStore, IInvitationOutbox, IInvitationMaintenanceStore
    {
        var create = ActivatorUtilities.CreateFactory<TStore>(Type.EmptyTypes); // the constructor is looked up once, not per scope
        return UseStore(sp => create(sp, null));
    }

    /// <summary>As <see cref="UseStore{TStore}()"/>, with the store made by <paramref name="factory"/> once per scope.</summary>
    /// <typeparam name="TStore">The store.</typeparam>
    /// <param name="factory">Makes the scope's store.</param>
    /// <returns>This builder.</returns>
    public InvitationKitBuilder UseStore<TStore>(Func<IServiceProvider, TStore> factory)
        where TStore : class, IInvitationStore, IMemberStore, IOtpBudgetStore, IInvitationOutbox, IInvitationMaintenanceStore
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Scoped(factory));
        Services.Replace(ServiceDescriptor.Scoped<IInvitationStore>(sp => sp.GetRequiredService<TStore>()));
        Services.Replace(ServiceDescriptor.Scoped<IMemberStore>(sp => sp.GetRequiredService<TStore>()));
        Services.Replace(ServiceDescriptor.Scoped<IOtpBudgetStore>(sp => sp.GetRequiredService<TStore>()));
        Services.Replace(ServiceDescriptor.Scoped<IInvitationOutbox>(sp => sp.GetRequiredService<TStore>()));
        Services.Replace(ServiceDescriptor.Scoped<IInvitationMaintenanceStore>(sp => sp.GetRequiredService<TStore>()));
        if (typeof(IEmailDomainStore).IsAssignableFrom(typeof(TStore)))
        {
            Services.Replace(ServiceDescriptor.Scoped(sp => (IEmailDomainStore)sp.GetRequiredService<TStore>()));
        }
        else
        {
            Services.RemoveAll<IEmailDomainStore>(); // no account has email domains (NoEmailDomainStore)
        }

        return this;
    }
}
