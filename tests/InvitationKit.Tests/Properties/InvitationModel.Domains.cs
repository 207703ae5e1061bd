using InvitationKit.Ports;

namespace InvitationKit.Tests.Properties;

/// <summary>The model's email domains (rule 20): the allow-list an invite checks, and joining through a verified domain.</summary>
internal sealed partial class InvitationModel
{
    /// <summary>The account's email domains (rule 20): empty allows every domain; verified ones are also allowed.</summary>
    public Dictionary<string, EmailDomainKind> Domains { get; } = [];

    /// <summary>The address's registered user joins through a verified domain: a member already gets their membership back.</summary>
    public Outcome Join(string address)
    {
        if (!Registered.Contains(address) || Domains.GetValueOrDefault(DomainOf(address)) != EmailDomainKind.Verified)
        {
            return Outcome.Fail(InvitationErrorCode.NotJoinable);
        }

        if (Disabled)
        {
            return AccountDisabled;
        }

        if (Members.Contains(address))
        {
            return Outcome.Ok;
        }

        if (OccupiedSeats + 1 > userLimit)
        {
            return Outcome.Fail(InvitationErrorCode.UserLimitExceeded);
        }

        Members.Add(address);
        return Outcome.Ok;
    }

    private static string DomainOf(string address) => address[(address.LastIndexOf('@') + 1)..];
}
