using InvitationKit.Testing.Conformance;

namespace InvitationKit.Tests.Conformance;

/// <summary>The in-memory store passes the same conformance suite as every shipped store.</summary>
public sealed class InMemoryStoreConformanceTests : InvitationStoreConformanceTests
{
    private InMemoryInvitationStore _database = new();

    protected override Task CreateEmptyDatabaseAsync()
    {
        _database = new InMemoryInvitationStore();
        return Task.CompletedTask;
    }

    // The in-memory "database" is the store object itself: instances share it, as processes would share a server.
    protected override Task<StoreHandle> OpenStoreAsync() => Task.FromResult(new StoreHandle(InvitationStoreSet.Of(_database)));
}
