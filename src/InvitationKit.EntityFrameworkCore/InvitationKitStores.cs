using InvitationKit.EntityFrameworkCore.Stores;
using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.EntityFrameworkCore;

/// <summary>
/// Opens the EF Core store over a context directly, outside dependency injection — for running the conformance kit
/// (InvitationKit.Testing.Conformance) against it with your own <see cref="DbContext"/>, or for tools and scripts.
/// Applications register it with <c>UseEntityFrameworkCore&lt;TContext&gt;()</c> instead.
/// </summary>
public static class InvitationKitStores
{
    /// <summary>
    /// The EF Core store over <paramref name="context"/> (SQLite or PostgreSQL, its model including
    /// <c>ApplyInvitationKitModel()</c>): one instance in every role, with the combined operations.
    /// </summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="context">The context; the store uses it for its own operations only and does not dispose it.</param>
    /// <returns>The store's roles.</returns>
    public static InvitationStoreSet Create<TContext>(TContext context)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(context);
        return InvitationStoreSet.Of(new EntityFrameworkCoreInvitationStore<TContext>(context));
    }
}
