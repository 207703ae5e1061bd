using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Properties;

/// <summary>The links and codes the model-based test holds.</summary>
public sealed partial class ModelBasedTests
{
    /// <summary>
    /// Every link and code the test holds, in the order it got them: each mail's, and each link handed to the owner (rule
    /// 22), whose new user's mail then carries the code only.
    /// </summary>
    private sealed class Links(TestKit kit)
    {
        private readonly List<Link> _all = [];
        private readonly Dictionary<Guid, string> _handed = [];
        private int _mails;

        public void Hand(HostDeliveredInvitation handed)
        {
            _handed[handed.Invitation.Id] = handed.Secret!;
            _all.Add(new Link(EmailAddress.Parse(handed.Invitation.Email).Key, handed.Invitation.Id, handed.Secret!, null));
        }

        public void Sync()
        {
            var sent = kit.Mailer.Sent;
            for (; _mails < sent.Count; _mails++)
            {
                var mail = sent[_mails];
                Check(!mail.LinkDeliveredByHost || mail.Secret.Length == 0, "a host-delivered invitation's mail carried a link");
                _all.Add(new Link(mail.Recipient.Key, mail.InvitationId, mail.LinkDeliveredByHost ? _handed[mail.InvitationId] : mail.Secret, mail.OneTimePassword));
            }
        }

        public Link? Last(string address) => _all.LastOrDefault(l => l.Key == address);
    }

    private sealed record Link(string Key, Guid InvitationId, string Secret, string? OneTimePassword);
}
