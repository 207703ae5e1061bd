using InvitationKit.Mail.Tests.Infrastructure;

namespace InvitationKit.Mail.Tests;

/// <summary>
/// Every built-in template in every language, compared with its approved render in <c>Approved/</c> (see
/// <see cref="Approvals"/> for accepting a change). English mails show UTC, Russian ones Moscow time.
/// </summary>
public sealed class RenderingTests
{
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_template_in_each_language_renders_as_approved(string scenario, string culture)
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Message(scenario), culture, culture == "ru" ? "Europe/Moscow" : "UTC");

        Approvals.Verify($"{scenario}.{culture}", ("txt", $"Subject: {mail.Subject}\n\n{mail.Text}"), ("html", mail.Html));
    }

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var scenario in MailSamples.Scenarios)
        {
            foreach (var culture in new[] { "en", "ru" })
            {
                cases.Add(scenario, culture);
            }
        }

        return cases;
    }
}
