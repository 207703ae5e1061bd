using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Properties;

/// <summary>SPEC §5 / rule 8: a failed batch writes nothing — store, user directory and mailer are unchanged.</summary>
public sealed class FailedBatchProperties
{
    [Property(MaxTest = 1_000)]
    public Property A_batch_with_any_bad_recipient_changes_nothing_anywhere()
    {
        var good = Gen.Choose(0, 999).Select(i => $"new{i}@example.com");
        var bad = Gen.Elements("bad address", "member@example.com", "pending@example.com", "x@example.com\r\nBcc: v@example.com", "Name <n@example.com>", "dup@example.com");
        var batch = good.ArrayOf().Where(g => g.Length <= 15)
            .SelectMany(g => bad.ArrayOf().Where(b => b.Length is > 0 and <= 4).Select(b => g.Distinct().Concat(b).ToArray()))
            .SelectMany(all => Gen.Shuffle(all));
        return Prop.ForAll(batch.ToArbitrary(), recipients => PropertyRunner.Run(async () =>
        {
            await using var kit = await TestKit.CreateAsync(o => o.MaxBatchSize = 25);
            kit.Member("member@example.com");
            await kit.InviteOneAsync("pending@example.com");
            var recipientsWithDuplicate = recipients.Contains("dup@example.com") ? [.. recipients, "DUP@example.com"] : recipients;
            var before = (kit.Store.Invitations.ToHashSet(), kit.Store.Members.ToHashSet(), kit.Users.Users.ToHashSet(), kit.Mailer.Sent.Count);

            var result = await kit.InviteAsync(recipientsWithDuplicate);

            return !result.Succeeded
                && before.Item1.SetEquals(kit.Store.Invitations)
                && before.Item2.SetEquals(kit.Store.Members)
                && before.Item3.SetEquals(kit.Users.Users)
                && before.Count == kit.Mailer.Sent.Count;
        }));
    }
}
