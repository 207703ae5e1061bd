using InvitationKit.Ports;

namespace InvitationKit.Testing.Conformance;

/// <summary>A store instance opened by <see cref="InvitationStoreConformanceTests.OpenStoreAsync"/>, with what to dispose after the test.</summary>
public sealed class StoreHandle : IAsyncDisposable
{
    private readonly IAsyncDisposable? _resources;

    /// <summary>Wraps a store's roles and the resources (a context, a connection, a scope) it lives on.</summary>
    /// <param name="stores">The store's roles; <see cref="InvitationStoreSet.Of{TStore}"/> for one class implementing them all.</param>
    /// <param name="resources">Disposed with the handle; null when there is nothing to dispose.</param>
    public StoreHandle(InvitationStoreSet stores, IAsyncDisposable? resources = null)
    {
        ArgumentNullException.ThrowIfNull(stores);
        Stores = stores;
        _resources = resources;
    }

    /// <summary>The store under test, in every role.</summary>
    public InvitationStoreSet Stores { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _resources?.DisposeAsync() ?? ValueTask.CompletedTask;
}
