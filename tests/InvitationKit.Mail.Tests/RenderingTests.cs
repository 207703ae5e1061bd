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

    /// <summary>
    /// Rule 23: the "expires soon" reminder of an invitation sent once is a new copy of it, as a resend is (the earlier
    /// link no longer works, and the expiry shows), that says why it came: its first sentence alone differs.
    /// </summary>
    [Theory]
    [InlineData("existing-user", "en", "This is a new copy of your invitation.", "Your invitation expires soon, so here is a new copy of it.")]
    [InlineData("new-user", "ru", "Это новая копия вашего приглашения.", "Срок вашего приглашения скоро истекает, поэтому вот его новая копия.")]
    public async Task A_reminder_renders_as_the_new_copy_a_resend_is_and_says_it_expires_soon(string scenario, string culture, string resendSays, string reminderSays)
    {
        var sample = MailSamples.Message(scenario);
        var zone = culture == "ru" ? "Europe/Moscow" : "UTC";
        var reminder = await MailSamples.RenderAsync(sample with { IsReminder = true }, culture, zone);
        var resend = await MailSamples.RenderAsync(sample with { IsResend = true }, culture, zone);

        Assert.Equal(resend.Subject, reminder.Subject);
        Assert.Contains(reminderSays, reminder.Text, StringComparison.Ordinal);
        Assert.Equal(resend.Text.Replace(resendSays, reminderSays, StringComparison.Ordinal), reminder.Text);
        Assert.Equal(resend.Html.Replace(resendSays, reminderSays, StringComparison.Ordinal), reminder.Html);
        Assert.NotEqual(resend.Subject, (await MailSamples.RenderAsync(sample, culture, zone)).Subject);
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
