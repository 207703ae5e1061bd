namespace InvitationKit.Mail.Tests.Infrastructure;

internal static class ResultAssertions
{
    public static T ShouldSucceed<T>(this InvitationResult<T> result)
    {
        Assert.True(result.Succeeded, result.ToString());
        return result.Value;
    }
}
