using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace InvitationKit.Tests.Properties;

/// <summary>SPEC §4/§5: no transition leaves a terminal state; effective status is monotone in time.</summary>
public sealed class StatusMachineProperties
{
    private static readonly Gen<InvitationStatus> Statuses = Gen.Elements(Enum.GetValues<InvitationStatus>());

    [Property(MaxTest = 1_000)]
    public Property Only_pending_can_change_and_only_to_a_terminal_status() =>
        Prop.ForAll(Statuses.ToArbitrary(), Statuses.ToArbitrary(), (from, to) =>
            InvitationStatusMachine.CanTransition(from, to) == (from == InvitationStatus.Pending && to != InvitationStatus.Pending)
            && InvitationStatusMachine.IsTerminal(from) == (from != InvitationStatus.Pending));

    [Property(MaxTest = 10_000)]
    public Property Effective_status_is_monotone_in_time_and_never_revives_a_terminal_one()
    {
        var instants = Gen.Choose(-1000, 1000).Select(s => Instant.FromUnixTimeSeconds(s));
        var times = instants.SelectMany(expires => instants.SelectMany(t1 => instants.Select(t2 => (expires, t1, t2))));
        return Prop.ForAll(Statuses.ToArbitrary(), times.ToArbitrary(), (stored, time) =>
        {
            var (expires, t1, t2) = time;
            var (early, late) = t1 <= t2 ? (t1, t2) : (t2, t1);
            var before = InvitationStatusMachine.EffectiveStatus(stored, expires, early);
            var after = InvitationStatusMachine.EffectiveStatus(stored, expires, late);
            var terminalStays = !InvitationStatusMachine.IsTerminal(before) || after == before;
            var onlyPendingToExpired = before == after || (before == InvitationStatus.Pending && after == InvitationStatus.Expired);
            return terminalStays && onlyPendingToExpired && (stored == InvitationStatus.Pending || after == stored);
        });
    }
}
