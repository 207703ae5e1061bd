using FsCheck;
using FsCheck.Fluent;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Properties;

/// <summary>
/// The model-based test's invitee side: the options per invitation an invite draws (rule 25), the inbox (rule 21) and a
/// look at an invitation, each compared with the model; and the metadata a membership carries.
/// </summary>
public sealed partial class ModelBasedTests
{
    private static readonly IReadOnlyDictionary<string, string>[] MetadataChoices =
    [
        new Dictionary<string, string> { ["team"] = "a" },
        new Dictionary<string, string> { ["team"] = "b", ["plan"] = "pro" },
    ];

    /// <summary>None, or metadata, a return URL and a language, each none, valid, or (less often) refused.</summary>
    private static Gen<InvitationModel.RequestedOptions?> InvitationOptions()
    {
        var metadata = Gen.Frequency(
            (2, Gen.Constant<IReadOnlyDictionary<string, string>?>(null)),
            (4, Gen.Elements(MetadataChoices).Select(m => (IReadOnlyDictionary<string, string>?)m)),
            (1, Gen.Constant<IReadOnlyDictionary<string, string>?>(new Dictionary<string, string> { ["bad key"] = "v" })));
        var returnUrl = Gen.Frequency(
            (2, Gen.Constant<string?>(null)), (3, Gen.Constant<string?>(InvitationModel.AllowedOrigin + "/welcome")), (1, Gen.Constant<string?>("https://evil.example/")));
        var language = Gen.Frequency(
            (2, Gen.Constant<string?>(null)), (2, Gen.Constant<string?>("ru")), (1, Gen.Constant<string?>("PT-br")), (1, Gen.Constant<string?>("de")));
        return Gen.Frequency(
            (1, Gen.Constant<InvitationModel.RequestedOptions?>(null)),
            (2, metadata.SelectMany(m => returnUrl.SelectMany(r => language.Select(l => (InvitationModel.RequestedOptions?)new InvitationModel.RequestedOptions(m, r, l))))));
    }

    /// <summary>A membership made by accepting or activating, with the metadata the model says it carries.</summary>
    private static Outcome Joined(Outcome expected, InvitationModel model, string address) =>
        expected.Succeeded ? expected with { Codes = $"metadata {model.MemberMetadata(address)}" } : expected;

    private static Outcome Joined(InvitationResult<Member> joined) =>
        joined.Succeeded ? new Outcome(true, $"metadata {InvitationModel.Metadata(joined.Value.Metadata)}") : Outcome.Of(joined);

    private static async Task<(Outcome Expected, Outcome Actual)> InboxAsync(Inbox inbox, TestKit kit, InvitationModel model, Links links)
    {
        var manager = kit.Manager;
        var userId = (await kit.Users.FindByEmailAsync(EmailAddress.Parse(inbox.Address), default))?.Id ?? "nobody";
        var latest = links.Last(inbox.Address)?.InvitationId;
        switch (inbox.As)
        {
            case Viewer.Own:
                // Each listed invitation is the one the address's latest link is for, with what its preview shows.
                var listed = await manager.ListReceivedInvitationsAsync(new SignedInIdentity(userId, inbox.Address, "password", EmailVerified: true));
                return (model.Inbox(inbox.Address), !listed.Succeeded ? Outcome.Of(listed) : new Outcome(true, string.Join(
                    " | ", listed.Value.Select(r => $"{(r.Id == latest ? string.Empty : $"id {r.Id} ")}{r.Preview.ExpiresAt} {r.Preview.ReturnUrl} {r.Preview.Language}"))));
            case Viewer.Stranger:
                // Another enabled user with a verified address of their own: sees none, and the address's id is not found.
                var stranger = (await kit.Users.FindByEmailAsync(EmailAddress.Parse(Stranger), default))!.Id;
                var identity = new SignedInIdentity(stranger, Stranger, "password", EmailVerified: true);
                var seen = await manager.ListReceivedInvitationsAsync(identity);
                var accepted = await manager.AcceptReceivedInvitationAsync(latest ?? Guid.NewGuid(), identity);
                var rejected = await manager.RejectReceivedInvitationAsync(latest ?? Guid.NewGuid(), identity);
                return (new Outcome(true, $"0 {Outcome.Fail(InvitationErrorCode.InvitationNotFound).Codes} {Outcome.Fail(InvitationErrorCode.InvitationNotFound).Codes}"),
                    new Outcome(seen.Succeeded, $"{(seen.Succeeded ? seen.Value.Count : -1)} {Outcome.Of(accepted).Codes} {Outcome.Of(rejected).Codes}"));
            default:
                // The address claimed without the identity provider's verification: refused before anything is read.
                var unverified = await manager.ListReceivedInvitationsAsync(new SignedInIdentity(userId, inbox.Address, "password", EmailVerified: false));
                return (Outcome.Fail(InvitationErrorCode.EmailNotVerified), Outcome.Of(unverified));
        }
    }

    /// <summary>The owner's view and the latest link's preview of the address's pending invitation, when it has one.</summary>
    private static async Task<(Outcome Expected, Outcome Actual)> InspectAsync(Inspect inspect, TestKit kit, InvitationModel model, Links links)
    {
        if (model.Shown(inspect.Address) is not { } shown || links.Last(inspect.Address) is not { } link)
        {
            return (Outcome.Ok, Outcome.Ok);
        }

        var view = await kit.Manager.GetAsync(kit.Owner, link.InvitationId);
        var preview = await kit.Manager.PreviewAsync(link.Secret);
        if (!view.TryGetValue(out var v) || !preview.TryGetValue(out var p))
        {
            return (new Outcome(true, shown), new Outcome(false, $"view {Outcome.Of(view).Codes}; preview {Outcome.Of(preview).Codes}"));
        }

        return (new Outcome(true, shown), new Outcome(true, $"view {InvitationModel.Metadata(v.Metadata)} {v.ReturnUrl} {v.Language} {v.ExpiresAt}; preview {p.ExpiresAt} {p.ReturnUrl} {p.Language}"));
    }
}
