namespace InvitationKit.Secrets;

/// <summary>
/// The keys of the one-time-password failure budgets (rule 11) besides the addresses' own email keys. An email key always
/// holds an <c>@</c> and an invitation's never does, so no key names two budgets.
/// </summary>
internal static class OtpBudgetKeys
{
    /// <summary>
    /// The budget of the guesses made from an invitation's page: only holders of its link's secret can spend it, so no
    /// stranger guessing at the address locks its invitee out.
    /// </summary>
    /// <param name="invitationId">The invitation.</param>
    /// <returns>The budget's key.</returns>
    public static string Link(Guid invitationId) => "invitation:" + invitationId.ToString("D");
}
