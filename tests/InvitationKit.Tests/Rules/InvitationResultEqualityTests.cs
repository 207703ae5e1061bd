namespace InvitationKit.Tests.Rules;

/// <summary>Issue 20: <see cref="InvitationResult{T}"/> converts from its value, so it must compare by value too.</summary>
public sealed class InvitationResultEqualityTests
{
    private static readonly InvitationError Limit = new(InvitationErrorCode.UserLimitExceeded, "full", ["revoke"]);

    [Fact]
    public void Assert_Equal_of_a_value_and_a_successful_result_compares_the_values()
    {
        InvitationResult<int> result = 0;
        Assert.Equal(0, result);
        Assert.NotEqual(1, result);
        Assert.True(result == 0);
        Assert.True(result != 1);
        Assert.Equal(InvitationResult<int>.Success(0).GetHashCode(), result.GetHashCode());
    }

    [Fact]
    public void Failures_are_equal_by_their_errors_codes_and_recipients_not_their_wording()
    {
        var a = InvitationResult<int>.Failure([new InvitationError(InvitationErrorCode.AlreadyMember, "one wording", ["x"], "a@example.com"), Limit]);
        var same = InvitationResult<int>.Failure([new InvitationError(InvitationErrorCode.AlreadyMember, "another wording", ["y"], "a@example.com"), Limit]);
        var otherRecipient = InvitationResult<int>.Failure([new InvitationError(InvitationErrorCode.AlreadyMember, "one wording", ["x"], "b@example.com"), Limit]);
        Assert.Equal(a, same);
        Assert.Equal(a.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(a, otherRecipient);
        Assert.NotEqual(a, InvitationResult<int>.Failure(Limit));
    }

    [Fact]
    public void A_success_never_equals_a_failure_or_null()
    {
        InvitationResult<string?> success = (string?)null;
        Assert.NotEqual(success, InvitationResult<string?>.Failure(Limit));
        Assert.False(success.Equals(null));
        Assert.Equal(InvitationResult<string?>.Success("x"), InvitationResult<string?>.Success("x"));
    }
}
