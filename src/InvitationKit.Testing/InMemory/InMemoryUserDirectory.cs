using System.Security.Cryptography;
using System.Text;
using InvitationKit.Ports;

namespace InvitationKit.Testing;

/// <summary>
/// A thread-safe in-memory <see cref="IUserDirectory"/>. Users are matched by <see cref="EmailAddress.Key"/>; users
/// registered without an email are never matched. Passwords are kept only as SHA-256 digests (test data, not a password
/// store: a real directory uses a slow password hash).
/// </summary>
/// <remarks>
/// Activation follows the port's contract to the letter: only a user pending activation is enabled, under one lock,
/// and the activation id is remembered so a retried call is recognized and changes nothing.
/// <para>
/// As an <see cref="IUserContactDirectory"/> it finds every enabled user with an email; <see cref="SetContact"/> gives
/// one a display name and a language. Users pending activation or disabled are not mailed (null), as with Identity.
/// </para>
/// </remarks>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class InMemoryUserDirectory : IUserDirectory, IUserContactDirectory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DirectoryUser> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idByEmailKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _activatedBy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _passwords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string? DisplayName, string? Language)> _contacts = new(StringComparer.Ordinal);
    private int _nextId;

    /// <summary>The shortest password <see cref="ActivateAsync"/> accepts.</summary>
    /// <value>Defaults to 8.</value>
    public int MinPasswordLength { get; set; } = 8;

    /// <summary>Every user (a snapshot), for assertions.</summary>
    public IReadOnlyList<DirectoryUser> Users
    {
        get { lock (_gate) { return [.. _byId.Values]; } }
    }

    /// <summary>Registers a user who can sign in (or, with <paramref name="state"/>, one in another state).</summary>
    /// <param name="email">The user's email, or null for a user whose identity provider disclosed none.</param>
    /// <param name="state">The user's state.</param>
    /// <param name="password">The user's password, for <see cref="CheckPassword"/>; null when they have none.</param>
    /// <param name="id">
    /// The user id; generated when null. Last and named (<c>id: "u1"</c>), so a call of the older
    /// <c>AddUser(email, displayName)</c> no longer compiles rather than making a user whose id is the display name.
    /// </param>
    /// <returns>The user.</returns>
    public DirectoryUser AddUser(string? email, UserState state = UserState.Enabled, string? password = null, string? id = null)
    {
        lock (_gate)
        {
            var key = email is null ? null : EmailAddress.Parse(email).Key;
            if (key is not null && _idByEmailKey.ContainsKey(key))
            {
                throw new InvalidOperationException($"A user with the email '{email}' already exists.");
            }

            var user = new DirectoryUser(id ?? NewId(), email, state);
            _byId.Add(user.Id, user);
            if (password is not null)
            {
                _passwords[user.Id] = Digest(password);
            }

            if (key is not null)
            {
                _idByEmailKey[key] = user.Id;
            }

            return user;
        }
    }

    /// <summary>Changes a user's state, as the host does when it bans, unbans or registers someone.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="state">The new state.</param>
    public void SetState(string userId, UserState state)
    {
        lock (_gate)
        {
            _byId[userId] = _byId[userId] with { State = state };
        }
    }

    /// <summary>Gives a user the display name and language <see cref="FindContactAsync"/> reports.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="displayName">The user's name as a mail shows it, or null.</param>
    /// <param name="language">The user's language as a BCP 47 tag (<c>ru</c>), or null for the deployment's default.</param>
    public void SetContact(string userId, string? displayName, string? language)
    {
        ArgumentNullException.ThrowIfNull(userId);
        lock (_gate)
        {
            if (!_byId.ContainsKey(userId))
            {
                throw new InvalidOperationException($"No user '{userId}'.");
            }

            _contacts[userId] = (displayName, language);
        }
    }

    /// <inheritdoc />
    public Task<UserContact?> FindContactAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_byId.TryGetValue(userId, out var user) || user.State != UserState.Enabled || user.Email is null)
            {
                return Task.FromResult<UserContact?>(null);
            }

            var (name, language) = _contacts.GetValueOrDefault(userId);
            return Task.FromResult<UserContact?>(new UserContact(user.Id, EmailAddress.Parse(user.Email), name, language));
        }
    }

    /// <summary>Finds a user by id.</summary>
    /// <param name="userId">The user id.</param>
    /// <returns>The user, or null.</returns>
    public DirectoryUser? FindById(string userId)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(userId);
        }
    }

    /// <summary>Whether a password was set for the user through <see cref="ActivateAsync"/>.</summary>
    /// <param name="userId">The user id.</param>
    /// <returns>Whether a password was set.</returns>
    public bool HasPassword(string userId)
    {
        lock (_gate)
        {
            return _passwords.ContainsKey(userId);
        }
    }

    /// <summary>Whether the user can sign in with the password: they are enabled and it is theirs.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="password">The password tried.</param>
    /// <returns>True when the user is enabled and the password is theirs.</returns>
    public bool CheckPassword(string userId, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        lock (_gate)
        {
            return _byId.TryGetValue(userId, out var user) && user.State == UserState.Enabled
                && _passwords.TryGetValue(userId, out var digest) && CryptographicOperations.FixedTimeEquals(digest, Digest(password));
        }
    }

    /// <inheritdoc />
    public Task<DirectoryUser?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_idByEmailKey.TryGetValue(email.Key, out var id) ? _byId[id] : null);
        }
    }

    /// <inheritdoc />
    public Task<DirectoryUser> CreatePendingUserAsync(EmailAddress email, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_idByEmailKey.TryGetValue(email.Key, out var existing))
            {
                return Task.FromResult(_byId[existing]);
            }

            var user = new DirectoryUser(NewId(), email.Value, UserState.PendingActivation);
            _byId.Add(user.Id, user);
            _idByEmailKey[email.Key] = user.Id;
            return Task.FromResult(user);
        }
    }

    /// <inheritdoc />
    public Task<bool> DeletePendingUserAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_byId.TryGetValue(userId, out var user) || user.State != UserState.PendingActivation)
            {
                return Task.FromResult(false);
            }

            _byId.Remove(userId);
            _passwords.Remove(userId);
            _contacts.Remove(userId);
            if (user.Email is { } email)
            {
                _idByEmailKey.Remove(EmailAddress.Parse(email).Key);
            }

            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<UserActivationResult> ActivateAsync(string userId, string password, Guid activationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(password);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_activatedBy.TryGetValue(userId, out var earlier) && earlier == activationId)
            {
                return Task.FromResult(UserActivationResult.Activated);
            }

            if (!_byId.TryGetValue(userId, out var user) || user.State != UserState.PendingActivation)
            {
                return Task.FromResult(UserActivationResult.NotPendingActivation);
            }

            if (password.Length < MinPasswordLength)
            {
                return Task.FromResult(UserActivationResult.PasswordRejected($"a password needs at least {MinPasswordLength} characters."));
            }

            _byId[userId] = user with { State = UserState.Enabled };
            _passwords[userId] = Digest(password);
            _activatedBy[userId] = activationId;
            return Task.FromResult(UserActivationResult.Activated);
        }
    }

    private static byte[] Digest(string password) => SHA256.HashData(Encoding.UTF8.GetBytes(password));

    private string NewId() => $"user-{++_nextId:D4}";
}
