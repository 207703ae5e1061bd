namespace InvitationKit.Testing.Conformance;

/// <summary>
/// Says whether a store's database can be reached where the tests run. Named by <see cref="StoreAvailabilityAttribute"/>;
/// checked once at test discovery, so it must be quick.
/// </summary>
public interface IStoreAvailability
{
    /// <summary>Null when the tests should run; otherwise why they are skipped (they are reported as skipped, never as passed).</summary>
    string? SkipReason { get; }
}
