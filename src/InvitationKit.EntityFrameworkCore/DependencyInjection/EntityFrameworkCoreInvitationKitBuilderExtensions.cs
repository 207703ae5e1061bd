using InvitationKit;
using InvitationKit.EntityFrameworkCore;
using InvitationKit.EntityFrameworkCore.Limits;
using InvitationKit.EntityFrameworkCore.Stores;
using InvitationKit.Limits;
using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Plugs the EF Core store into InvitationKit.</summary>
public static class EntityFrameworkCoreInvitationKitBuilderExtensions
{
    /// <summary>
    /// Uses <typeparamref name="TContext"/> (registered by the host with <c>AddDbContext</c>, on SQLite or PostgreSQL,
    /// its model including <c>ApplyInvitationKitModel()</c>) as InvitationKit's store. Replaces any store registered before.
    /// A missing context, a model without InvitationKit's tables or an unsupported database is reported with the options'
    /// validation, at start-up. The store works on a <typeparamref name="TContext"/> instance of its own per scope (from
    /// <c>IDbContextFactory&lt;TContext&gt;</c> when registered), never on the scoped instance the host uses, so it never
    /// touches the host's pending changes.
    /// </summary>
    /// <typeparam name="TContext">The host's context, or <see cref="InvitationKit.EntityFrameworkCore.InvitationKitDbContext"/>.</typeparam>
    /// <param name="builder">The builder from <c>AddInvitationKit</c>.</param>
    /// <returns>The builder.</returns>
    public static InvitationKitBuilder UseEntityFrameworkCore<TContext>(this InvitationKitBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseStore(EntityFrameworkCoreInvitationStore<TContext>.OnOwnContext);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationKitOptions>, EntityFrameworkCoreStoreValidator<TContext>>());
        return builder;
    }

    /// <summary>
    /// Counts the kit's throttles (<see cref="InvitationKitOptions.RateLimits"/>) in <typeparamref name="TContext"/>'s
    /// database instead of in each process, so that with several app instances on one database every limit holds in
    /// total, not once per instance. One statement per check, on the kit's clock; the table keeps only the partitions
    /// active in the last window, each as a keyed hash. Needs the schema's tables (<c>InvitationKitSchema.ApplyAsync</c>),
    /// as the store does; see docs/operations.md, "Several instances".
    /// </summary>
    /// <typeparam name="TContext">The host's context, or <see cref="InvitationKit.EntityFrameworkCore.InvitationKitDbContext"/>.</typeparam>
    /// <param name="builder">The builder from <c>AddInvitationKit</c>.</param>
    /// <returns>The builder.</returns>
    public static InvitationKitBuilder UseEntityFrameworkCoreRateLimiter<TContext>(this InvitationKitBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IInvitationRateLimiter, EntityFrameworkCoreRateLimiter<TContext>>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationKitOptions>, EntityFrameworkCoreStoreValidator<TContext>>());
        return builder;
    }
}
