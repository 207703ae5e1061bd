using InvitationKit.Ports;

namespace InvitationKit.Testing.Conformance;

/// <summary>A store instance opened by <see cref="InvitationStoreConformanceTests.OpenStoreAsync"/>, with what to dispose after the test.</summary>
public sealed class StoreHandle : IAsyncDisposable
{
    private readonly IAsyncDisposable? _resources;

    /// <summary>Wraps a store and the resources (a context, a connection, a scope) it lives on.</summary>
    /// <param name="store">The store.</param>
    /// <param name="resources">Disposed with the handle; null when there is nothing to dispose.</param>
    public StoreHandle(IInvitationStore store, IAsyncDisposable? resources = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        _resources = resources;
    }

    /// <summary>The store under test.</summary>
    public IInvitationStore Store { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _resources?.DisposeAsync() ?? ValueTask.CompletedTask;
}
