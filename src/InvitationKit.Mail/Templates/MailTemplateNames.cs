namespace InvitationKit.Mail;

/// <summary>The templates every supported culture needs: each message kind in three parts (and each notice kind, when notices are mailed).</summary>
internal static class MailTemplateNames
{
    public const string ExistingUser = "existing-user";
    public const string NewUser = "new-user";
    public const string Resend = "resend";
    public const string NoticeNewInvitationRequested = "notice-new-invitation-requested";
    public const string NoticeReminder = "notice-reminder";
    public const string Subject = "subject";
    public const string Html = "html";
    public const string Text = "txt";

    public static readonly string[] Kinds = [ExistingUser, NewUser, Resend];

    /// <summary>The notices' kinds (<c>UseSmtpNoticeMailer</c>): checked only when notices are mailed.</summary>
    public static readonly string[] NoticeKinds = [NoticeNewInvitationRequested, NoticeReminder];
    public static readonly string[] Parts = [Subject, Html, Text];

    /// <summary>The file of one part of one kind, e.g. <c>new-user.html.liquid</c>.</summary>
    public static string File(string kind, string part) => $"{kind}.{part}.liquid";
}
