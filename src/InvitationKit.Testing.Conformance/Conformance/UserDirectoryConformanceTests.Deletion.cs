using InvitationKit.Ports;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>Deleting a user pending activation: the kit's undo of a creation whose invite was withdrawn.</summary>
public abstract partial class UserDirectoryConformanceTests
{
    /// <summary>A user pending activation is deleted once; its address then finds nobody and can be created again.</summary>
    [Fact]
    public async Task A_pending_user_is_deleted_and_its_address_can_be_created_again()
    {
        var nina = await Directory.CreatePendingUserAsync(Email("nina@example.com"), default);
        Assert.True(await Directory.DeletePendingUserAsync(nina.Id, default));
        Assert.False(await Directory.DeletePendingUserAsync(nina.Id, default));
        Assert.Null(await Directory.FindByEmailAsync(Email("nina@example.com"), default));

        var again = await Directory.CreatePendingUserAsync(Email("nina@example.com"), default);
        Assert.Equal(UserState.PendingActivation, again.State);
        Assert.Equal(UserActivationStatus.Activated, (await Directory.ActivateAsync(again.Id, AcceptedPassword, Guid.NewGuid(), default)).Status);
    }

    /// <summary>
    /// A registered user, a disabled one (even one the kit created), an activated one and an unknown id are never deleted:
    /// the port deletes only what the kit created and nobody ever used.
    /// </summary>
    [Fact]
    public async Task Deleting_leaves_every_other_user_alone()
    {
        var bob = await AddRegisteredUserAsync("bob@example.com", AcceptedPassword);
        var banned = await Directory.CreatePendingUserAsync(Email("banned@example.com"), default);
        await DisableUserAsync(banned.Id);
        var nina = await Directory.CreatePendingUserAsync(Email("nina@example.com"), default);
        Assert.Equal(UserActivationStatus.Activated, (await Directory.ActivateAsync(nina.Id, AcceptedPassword, Guid.NewGuid(), default)).Status);

        // The host's change is seen by an instance opened after it, as by the next request of a scoped directory.
        var later = (await OpenAsync()).Directory;
        Assert.False(await later.DeletePendingUserAsync(bob, default));
        Assert.False(await later.DeletePendingUserAsync(banned.Id, default));
        Assert.False(await later.DeletePendingUserAsync(nina.Id, default));
        Assert.False(await later.DeletePendingUserAsync("no-such-user", default));

        Assert.True(await CanSignInAsync(bob, AcceptedPassword));
        Assert.True(await CanSignInAsync(nina.Id, AcceptedPassword));
        Assert.Equal(UserState.Disabled, (await later.FindByEmailAsync(Email("banned@example.com"), default))?.State);
    }

    /// <summary>
    /// A deletion racing activations of the same user from other instances: either the user is deleted and no activation
    /// succeeded, or one activation succeeded and the user is kept — never a deleted user who was told they are activated.
    /// </summary>
    [Fact]
    public async Task Racing_deletion_and_activations_never_delete_an_activated_user()
    {
        var nina = await Directory.CreatePendingUserAsync(Email("nina@example.com"), default);
        var instances = await OpenManyAsync();
        var deleting = Task.Run(() => instances[0].DeletePendingUserAsync(nina.Id, default));
        var activations = await Task.WhenAll(instances.Skip(1).Select((d, i) => Task.Run(async () =>
        {
            try
            {
                return (Status: (await d.ActivateAsync(nina.Id, $"{AcceptedPassword}-{i}", Guid.NewGuid(), default)).Status, i);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return (Status: (UserActivationStatus)(-1), i);
            }
        })));
        bool deleted;
        try
        {
            deleted = await deleting;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            deleted = false; // a deletion that lost the race may fail with an exception; it deleted nothing
        }

        var winners = activations.Where(a => a.Status == UserActivationStatus.Activated).ToArray();
        var found = await (await OpenAsync()).Directory.FindByEmailAsync(Email("nina@example.com"), default);
        if (deleted)
        {
            Assert.Empty(winners);
            Assert.Null(found);
        }
        else
        {
            Assert.Single(winners);
            Assert.Equal(nina.Id, found?.Id);
            Assert.True(await CanSignInAsync(nina.Id, $"{AcceptedPassword}-{winners[0].i}"));
        }
    }
}
