namespace InvitationKit.LoadTest;

/// <summary>What a load run does.</summary>
public sealed record LoadSettings
{
    /// <summary>Accounts invited into; the first <see cref="TightAccounts"/> of them have <see cref="TightLimit"/> seats.</summary>
    public int Accounts { get; init; } = 8;

    /// <summary>Accounts that fill up during the run, so invites race for their last seats.</summary>
    public int TightAccounts { get; init; } = 2;

    /// <summary>The user limit of a tight account.</summary>
    public int TightLimit { get; init; } = 40;

    /// <summary>The user limit of the other accounts: never reached.</summary>
    public int WideLimit { get; init; } = 1_000_000;

    /// <summary>Members holding <c>USER_ADMIN</c> per account, who invite beside its owner.</summary>
    public int AdminsPerAccount { get; init; } = 2;

    /// <summary>Requests in flight at once, over both instances.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>How long the measured load runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the unmeasured warm-up runs before it (its invitations are checked too).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>When set, the measured load stops after this many requests even before <see cref="Duration"/>.</summary>
    public int? MaxRequests { get; init; }

    /// <summary>The share of requests that accept a mailed invitation (when one is waiting); the rest invite.</summary>
    public double AcceptShare { get; init; } = 0.5;

    /// <summary>Recipients per invite: 1 to this many.</summary>
    public int MaxBatch { get; init; } = 3;

    /// <summary>The share of first mail attempts that fail, left to the hosted dispatchers to retry.</summary>
    public double MailFailureRate { get; init; } = 0.02;

    /// <summary>The message of an injected mail failure, as the instances log it.</summary>
    public const string InjectedMailFailure = "Injected failure: the mail server is unavailable.";

    /// <summary>The id of account <paramref name="index"/>.</summary>
    public string AccountId(int index) => LoadAccounts.Id(index, index < TightAccounts ? TightLimit : WideLimit);

    /// <summary>The owner of account <paramref name="index"/>.</summary>
    public static string OwnerId(int index) => LoadUsers.IdOf($"owner{index}");

    /// <summary>Admin <paramref name="admin"/> of account <paramref name="index"/>.</summary>
    public static string AdminId(int index, int admin) => LoadUsers.IdOf($"admin{index}-{admin}");

    /// <summary>Every account's id.</summary>
    public IReadOnlyList<string> AccountIds => [.. Enumerable.Range(0, Accounts).Select(AccountId)];
}
