using System.Collections.Concurrent;
using InvitationKit.Ports;

namespace InvitationKit.Testing;

/// <summary>
/// A thread-safe in-memory <see cref="IUserDirectory"/>. Users are matched by <see cref="EmailAddress.Key"/>; users
/// registered without an email are never matched. Passwords are kept only as a flag that one was set.
/// </summary>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class InMemoryUserDirectory : IUserDirectory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DirectoryUser> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idByEmailKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _passwordSet = new(StringComparer.Ordinal);
    private int _nextId;

    /// <summary>The shortest password <see cref="ActivateAsync"/> accepts.</summary>
    /// <value>Defaults to 8.</value>
    public int MinPasswordLength { get; set; } = 8;

    /// <summary>Every user (a snapshot), for assertions.</summary>
    public IReadOnlyList<DirectoryUser> Users
    {
        get { lock (_gate) { return [.. _byId.Values]; } }
    }

    /// <summary>Registers an enabled user.</summary>
    /// <param name="email">The user's email, or null for a user whose identity provider disclosed none.</param>
    /// <param name="displayName">The user's name.</param>
    /// <param name="id">The user id; generated when null.</param>
    /// <returns>The user.</returns>
    public DirectoryUser AddUser(string? email, string? displayName = null, string? id = null)
    {
        lock (_gate)
        {
            var key = email is null ? null : EmailAddress.Parse(email).Key;
            if (key is not null && _idByEmailKey.ContainsKey(key))
            {
                throw new InvalidOperationException($"A user with the email '{email}' already exists.");
            }

            var user = new DirectoryUser(id ?? NewId(), email, displayName, IsEnabled: true);
            _byId.Add(user.Id, user);
            if (key is not null)
            {
                _idByEmailKey[key] = user.Id;
            }

            return user;
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
    public bool HasPassword(string userId) => _passwordSet.ContainsKey(userId);

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
    public Task<DirectoryUser> CreateDisabledUserAsync(EmailAddress email, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_idByEmailKey.TryGetValue(email.Key, out var existing))
            {
                return Task.FromResult(_byId[existing]);
            }

            var user = new DirectoryUser(NewId(), email.Value, null, IsEnabled: false);
            _byId.Add(user.Id, user);
            _idByEmailKey[email.Key] = user.Id;
            return Task.FromResult(user);
        }
    }

    /// <inheritdoc />
    public Task<UserActivationResult> ActivateAsync(string userId, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        cancellationToken.ThrowIfCancellationRequested();
        if (password.Length < MinPasswordLength)
        {
            return Task.FromResult(UserActivationResult.Refused($"a password needs at least {MinPasswordLength} characters."));
        }

        lock (_gate)
        {
            if (!_byId.TryGetValue(userId, out var user))
            {
                return Task.FromResult(UserActivationResult.Refused("the user does not exist."));
            }

            _byId[userId] = user with { IsEnabled = true };
            _passwordSet[userId] = true;
            return Task.FromResult(UserActivationResult.Success);
        }
    }

    private string NewId() => $"user-{++_nextId:D4}";
}
