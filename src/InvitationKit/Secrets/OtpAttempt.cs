namespace InvitationKit.Secrets;

/// <summary>
/// One activation attempt (rule 11): the address and the keyed hash of the address and the presented code, which names
/// the attempt in the failure budget, so a retry of the same code is recognized.
/// </summary>
/// <param name="EmailKey">The address's email key.</param>
/// <param name="Hash">The attempt's keyed hash (<see cref="SecretHasher.HashOtpAttempt"/>).</param>
internal readonly record struct OtpAttempt(string EmailKey, SecretHash Hash);
