using InvitationKit.Ports;
using InvitationKit.Testing.Conformance;

namespace InvitationKit.Tests.Conformance;

/// <summary>The in-memory user directory passes the directory conformance suite.</summary>
public sealed class InMemoryDirectoryConformanceTests : UserDirectoryConformanceTests
{
    private InMemoryUserDirectory _directory = new();

    protected override Task CreateEmptyDirectoryAsync()
    {
        _directory = new InMemoryUserDirectory();
        return Task.CompletedTask;
    }

    // Instances share the in-memory users, as app instances share a database.
    protected override Task<DirectoryHandle> OpenDirectoryAsync() => Task.FromResult(new DirectoryHandle(_directory));

    protected override Task<string> AddRegisteredUserAsync(string email, string password) =>
        Task.FromResult(_directory.AddUser(email, password: password).Id);

    protected override Task DisableUserAsync(string userId)
    {
        _directory.SetState(userId, UserState.Disabled);
        return Task.CompletedTask;
    }

    protected override Task<bool> CanSignInAsync(string userId, string password) => Task.FromResult(_directory.CheckPassword(userId, password));
}
