using InvitationKit.Ports;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>
/// The contract every <see cref="IUserDirectory"/> must keep, as tests: finding users by address, creating users pending
/// activation idempotently, and activating only those — once, with a password the directory's own rules accept, never a
/// user who can sign in already or was disabled — also when instances race.
/// </summary>
/// <remarks>
/// xunit creates one instance per test: <see cref="CreateEmptyDirectoryAsync"/> runs before each test and
/// <see cref="DropDirectoryAsync"/> after it. The hooks seed users the way the host's own sign-up does, so the suite sees
/// the directory as the kit will. A change the host makes through a hook is looked for through an instance opened after it,
/// as a scoped directory sees it in the next request.
/// </remarks>
public abstract partial class UserDirectoryConformanceTests : IAsyncLifetime
{
    /// <summary>Instances racing in the race tests; each opens its own directory instance.</summary>
    protected const int Workers = 6;

    private readonly List<DirectoryHandle> _handles = [];
    private IUserDirectory? _directory;

    /// <summary>The directory instance most tests use.</summary>
    protected IUserDirectory Directory => _directory ?? throw new InvalidOperationException("The directory is opened in InitializeAsync.");

    /// <summary>A password the directory accepts.</summary>
    protected virtual string AcceptedPassword => "Correct-H0rse-battery";

    /// <summary>A password the directory refuses (too short for any sane policy).</summary>
    protected virtual string RejectedPassword => "abc";

    /// <summary>Creates an empty user store for the current test.</summary>
    /// <returns>A task that completes when it is ready.</returns>
    protected abstract Task CreateEmptyDirectoryAsync();

    /// <summary>Opens a directory over the current test's users; every call returns an independent instance.</summary>
    /// <returns>The directory and what to dispose with it.</returns>
    protected abstract Task<DirectoryHandle> OpenDirectoryAsync();

    /// <summary>Registers a user the way the host's sign-up does: an email and a password, able to sign in.</summary>
    /// <param name="email">The user's email.</param>
    /// <param name="password">The user's password.</param>
    /// <returns>The user's id.</returns>
    protected abstract Task<string> AddRegisteredUserAsync(string email, string password);

    /// <summary>Disables (bans, locks out) a user the way the host does.</summary>
    /// <param name="userId">The user.</param>
    /// <returns>A task that completes when the user is disabled.</returns>
    protected abstract Task DisableUserAsync(string userId);

    /// <summary>Whether the user can sign in with the password.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="password">The password tried.</param>
    /// <returns>True when the password is the user's.</returns>
    protected abstract Task<bool> CanSignInAsync(string userId, string password);

    /// <summary>Removes the current test's users; by default nothing is done.</summary>
    /// <returns>A task that completes when they are gone.</returns>
    protected virtual Task DropDirectoryAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await CreateEmptyDirectoryAsync().ConfigureAwait(false);
        _directory = (await OpenAsync().ConfigureAwait(false)).Directory;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var handle in _handles)
        {
            await handle.DisposeAsync().ConfigureAwait(false);
        }

        await DropDirectoryAsync().ConfigureAwait(false);
    }

    /// <summary>An address nobody registered finds nobody, alone and in a batch.</summary>
    [Fact]
    public async Task An_unknown_address_finds_nobody()
    {
        Assert.Null(await Directory.FindByEmailAsync(Email("nobody@example.com"), default));
        if (Directory is IUserBatchLookup batch)
        {
            Assert.Empty(await batch.FindByEmailsAsync([Email("nobody@example.com")], default));
        }
    }

    /// <summary>A registered user is found, whatever the case of the address, as enabled.</summary>
    [Fact]
    public async Task A_registered_user_is_found_as_enabled()
    {
        var id = await AddRegisteredUserAsync("Bob@Example.com", AcceptedPassword);
        var found = await Directory.FindByEmailAsync(Email("bob@example.com"), default);
        Assert.NotNull(found);
        Assert.Equal(id, found.Id);
        Assert.Equal(UserState.Enabled, found.State);
        Assert.Equal("bob@example.com", found.Email, ignoreCase: true);
    }

    /// <summary>
    /// The lookups of a batch key the users found by email key and leave the others out: the single lookups the kit makes
    /// for each address, and the directory's own batch lookup (<see cref="IUserBatchLookup"/>) when it offers one, which
    /// must answer as they do.
    /// </summary>
    [Fact]
    public async Task A_batch_lookup_keys_the_users_found_by_email_key()
    {
        var bob = await AddRegisteredUserAsync("bob@example.com", AcceptedPassword);
        var pending = await Directory.CreatePendingUserAsync(Email("nina@example.com"), default);
        EmailAddress[] batch = [Email("BOB@example.com"), Email("nina@example.com"), Email("zed@example.com")];
        var single = new Dictionary<string, DirectoryUser?>(StringComparer.Ordinal);
        foreach (var email in batch)
        {
            single[email.Key] = await Directory.FindByEmailAsync(email, default);
        }

        Assert.Equal(bob, single[Email("bob@example.com").Key]?.Id);
        Assert.Equal(pending.Id, single[Email("nina@example.com").Key]?.Id);
        Assert.Equal(UserState.PendingActivation, single[Email("nina@example.com").Key]?.State);
        Assert.Null(single[Email("zed@example.com").Key]);
        if (Directory is IUserBatchLookup lookup)
        {
            var found = await lookup.FindByEmailsAsync(batch, default);
            Assert.Equivalent(single.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value), found, strict: true);
        }
    }

    /// <summary>A created user awaits activation, cannot sign in, and is found so.</summary>
    [Fact]
    public async Task A_created_user_awaits_activation()
    {
        var created = await Directory.CreatePendingUserAsync(Email("nina@example.com"), default);
        Assert.Equal(UserState.PendingActivation, created.State);
        Assert.Equal("nina@example.com", created.Email);
        var found = await Directory.FindByEmailAsync(Email("NINA@example.com"), default);
        Assert.Equal(created, found);
        Assert.False(await CanSignInAsync(created.Id, AcceptedPassword));
    }

    /// <summary>Creating an address twice returns the first user; creating a registered or disabled user's address returns them unchanged.</summary>
    [Fact]
    public async Task Creating_is_idempotent_and_never_changes_an_existing_user()
    {
        var first = await Directory.CreatePendingUserAsync(Email("nina@example.com"), default);
        Assert.Equal(first, await Directory.CreatePendingUserAsync(Email("Nina@Example.com"), default));

        var bob = await AddRegisteredUserAsync("bob@example.com", AcceptedPassword);
        var again = await Directory.CreatePendingUserAsync(Email("bob@example.com"), default);
        Assert.Equal((bob, UserState.Enabled), (again.Id, again.State));
        Assert.True(await CanSignInAsync(bob, AcceptedPassword));

        var eve = await AddRegisteredUserAsync("eve@example.com", AcceptedPassword);
        await DisableUserAsync(eve);
        var disabled = await Directory.CreatePendingUserAsync(Email("eve@example.com"), default);
        Assert.Equal((eve, UserState.Disabled), (disabled.Id, disabled.State));
    }

    /// <summary>Activation enables the pending user with the password.</summary>
    [Fact]
    public async Task Activation_enables_the_user_with_the_password()
    {
        var nina = await Directory.CreatePendingUserAsync(Email("nina@example.com"), default);
        var result = await Directory.ActivateAsync(nina.Id, AcceptedPassword, Guid.NewGuid(), default);
        Assert.Equal(UserActivationStatus.Activated, result.Status);
        Assert.Equal(UserState.Enabled, (await Directory.FindByEmailAsync(Email("nina@example.com"), default))?.State);
        Assert.True(await CanSignInAsync(nina.Id, AcceptedPassword));
    }

    /// <summary>A repeat of the same activation (its reply was lost) reports success; another activation changes nothing.</summary>
    [Fact]
    public async Task A_repeated_activation_succeeds_and_another_changes_nothing()
    {
        var nina = await Directory.CreatePendingUserAsync(Email("nina@example.com"), default);
        var activation = Guid.NewGuid();
        Assert.Equal(UserActivationStatus.Activated, (await Directory.ActivateAsync(nina.Id, AcceptedPassword, activation, default)).Status);
        Assert.Equal(UserActivationStatus.Activated, (await Directory.ActivateAsync(nina.Id, AcceptedPassword, activation, default)).Status);

        var other = AcceptedPassword + "-other";
        Assert.Equal(UserActivationStatus.NotPendingActivation, (await Directory.ActivateAsync(nina.Id, other, Guid.NewGuid(), default)).Status);
        Assert.True(await CanSignInAsync(nina.Id, AcceptedPassword));
        Assert.False(await CanSignInAsync(nina.Id, other));
    }

    /// <summary>A registered user is never given a password by an activation.</summary>
    [Fact]
    public async Task A_registered_user_is_never_activated()
    {
        var bob = await AddRegisteredUserAsync("bob@example.com", AcceptedPassword);
        var attacker = AcceptedPassword + "-attacker";
        Assert.Equal(UserActivationStatus.NotPendingActivation, (await Directory.ActivateAsync(bob, attacker, Guid.NewGuid(), default)).Status);
        Assert.False(await CanSignInAsync(bob, attacker));
        Assert.True(await CanSignInAsync(bob, AcceptedPassword));
    }

    /// <summary>A disabled user — even one the kit created — is never activated, and stays disabled.</summary>
    [Fact]
    public async Task A_disabled_user_is_never_activated()
    {
        var banned = await Directory.CreatePendingUserAsync(Email("banned@example.com"), default);
        await DisableUserAsync(banned.Id);

        // The host's change is seen by an instance opened after it, as by the next request of a scoped directory.
        var later = (await OpenAsync()).Directory;
        Assert.Equal(UserActivationStatus.NotPendingActivation, (await later.ActivateAsync(banned.Id, AcceptedPassword, Guid.NewGuid(), default)).Status);
        Assert.Equal(UserState.Disabled, (await later.FindByEmailAsync(Email("banned@example.com"), default))?.State);
        Assert.False(await CanSignInAsync(banned.Id, AcceptedPassword));
    }

    /// <summary>An unknown user id is not pending activation.</summary>
    [Fact]
    public async Task An_unknown_user_is_not_pending_activation() =>
        Assert.Equal(UserActivationStatus.NotPendingActivation, (await Directory.ActivateAsync("no-such-user", AcceptedPassword, Guid.NewGuid(), default)).Status);

    /// <summary>A password the directory's rules refuse is reported with the reason, and the user stays pending for a better one.</summary>
    [Fact]
    public async Task A_refused_password_leaves_the_user_pending()
    {
        var nina = await Directory.CreatePendingUserAsync(Email("nina@example.com"), default);
        var activation = Guid.NewGuid();
        var refused = await Directory.ActivateAsync(nina.Id, RejectedPassword, activation, default);
        Assert.Equal(UserActivationStatus.PasswordRejected, refused.Status);
        Assert.False(string.IsNullOrWhiteSpace(refused.Reason));
        Assert.Equal(UserState.PendingActivation, (await Directory.FindByEmailAsync(Email("nina@example.com"), default))?.State);
        Assert.False(await CanSignInAsync(nina.Id, RejectedPassword));

        Assert.Equal(UserActivationStatus.Activated, (await Directory.ActivateAsync(nina.Id, AcceptedPassword, activation, default)).Status);
        Assert.True(await CanSignInAsync(nina.Id, AcceptedPassword));
    }

    /// <summary>A cancelled call throws <see cref="OperationCanceledException"/> and creates nobody.</summary>
    [Fact]
    public async Task A_cancelled_call_creates_nobody()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Directory.CreatePendingUserAsync(Email("nina@example.com"), cancelled.Token));
        Assert.Null(await Directory.FindByEmailAsync(Email("nina@example.com"), default));
    }

    /// <summary>Instances creating one address at once all get the same user.</summary>
    [Fact]
    public async Task Racing_creations_of_one_address_make_one_user()
    {
        var instances = await OpenManyAsync();
        var created = await Task.WhenAll(instances.Select(d => Task.Run(() => d.CreatePendingUserAsync(Email("nina@example.com"), default))));
        Assert.Single(created.Select(u => u.Id).Distinct());
    }

    /// <summary>
    /// Activations of one user racing from several instances (invitations into several accounts): exactly one wins. The
    /// others are told the user is not pending, or fail with an exception the caller may retry — never a second password.
    /// </summary>
    [Fact]
    public async Task Racing_activations_of_one_user_have_one_winner()
    {
        var nina = await Directory.CreatePendingUserAsync(Email("nina@example.com"), default);
        var instances = await OpenManyAsync();
        var outcomes = await Task.WhenAll(instances.Select((d, i) => Task.Run(async () =>
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
        var winners = outcomes.Where(o => o.Status == UserActivationStatus.Activated).ToArray();
        Assert.Single(winners);
        Assert.DoesNotContain(outcomes, o => o.Status == UserActivationStatus.PasswordRejected);
        Assert.True(await CanSignInAsync(nina.Id, $"{AcceptedPassword}-{winners[0].i}"));
    }

    private async Task<IReadOnlyList<IUserDirectory>> OpenManyAsync()
    {
        var instances = new List<IUserDirectory>();
        for (var i = 0; i < Workers; i++)
        {
            instances.Add((await OpenAsync().ConfigureAwait(false)).Directory);
        }

        return instances;
    }

    private async Task<DirectoryHandle> OpenAsync()
    {
        var handle = await OpenDirectoryAsync().ConfigureAwait(false);
        _handles.Add(handle);
        return handle;
    }

    private static EmailAddress Email(string address) => EmailAddress.Parse(address);
}
