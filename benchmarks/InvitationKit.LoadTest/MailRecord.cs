namespace InvitationKit.LoadTest;

/// <summary>One mail an instance handed over (the test hook's answer, <c>GET /load/mail</c>).</summary>
/// <param name="InvitationId">The invitation.</param>
/// <param name="MessageId">The message id (the same for every attempt of one send).</param>
/// <param name="Secret">The link secret the mail carried.</param>
/// <param name="Instance">The instance that sent it.</param>
public sealed record MailRecord(Guid InvitationId, Guid MessageId, string Secret, string Instance);
