namespace InvitationKit;

/// <summary>Who performs an operation: a user id, and whether they are a system administrator.</summary>
/// <param name="UserId">The acting user's id.</param>
/// <param name="IsAdmin">Whether the actor is a system administrator (may manage every account).</param>
/// <threadsafety>This type is immutable.</threadsafety>
public readonly record struct Actor(string UserId, bool IsAdmin = false)
{
    /// <summary>An ordinary user; their rights come from their membership.</summary>
    /// <param name="userId">The user id.</param>
    /// <returns>The actor.</returns>
    public static Actor User(string userId) => new(userId);

    /// <summary>A system administrator.</summary>
    /// <param name="userId">The administrator's user id.</param>
    /// <returns>The actor.</returns>
    public static Actor Admin(string userId) => new(userId, IsAdmin: true);
}
