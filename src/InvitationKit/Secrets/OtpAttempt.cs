namespace InvitationKit.Secrets;

/// <summary>
/// One activation attempt (rule 11): the failure budget it is counted against and the keyed hash of that budget's key and
/// the presented code, which names the attempt in the budget, so a retry of the same code is recognized.
/// </summary>
/// <param name="BudgetKey">The address's email key, or an invitation's link budget (<see cref="OtpBudgetKeys.Link"/>).</param>
/// <param name="Hash">The attempt's keyed hash (<see cref="SecretHasher.HashOtpAttempt"/>).</param>
internal readonly record struct OtpAttempt(string BudgetKey, SecretHash Hash);
