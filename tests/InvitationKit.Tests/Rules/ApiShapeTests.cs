using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Rules;

/// <summary>The API's shapes: results hosts can build, readable descriptions, optional owner flags.</summary>
public sealed class ApiShapeTests
{
    [Fact]
    public void Hosts_can_build_results_to_stub_the_manager()
    {
        var error = new InvitationError(InvitationErrorCode.UserLimitExceeded, "Full.", ["Revoke one."], "a@example.com");
        var failed = InvitationResult<Member>.Failure(error);
        Assert.Equal(InvitationErrorCode.UserLimitExceeded, Assert.Single(failed.ShouldFailWith(InvitationErrorCode.UserLimitExceeded)).Code);
        Assert.Throws<ArgumentException>(() => InvitationResult<Member>.Failure([]));
        Assert.True(InvitationResult<int>.Success(3).Succeeded);
    }

    [Fact]
    public async Task Descriptions_list_roles_instead_of_a_type_name()
    {
        await using var kit = await TestKit.CreateAsync();
        var outcome = (await kit.Manager.InviteAsync(kit.Owner, new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("a@example.com", "EDITOR", "VIEWER")]))).ShouldSucceed();
        var view = outcome.Invitations.Single();
        foreach (var text in new[] { view.ToString(), kit.Stored(view.Id).ToString(), new InviteRecipient("a@example.com", "EDITOR", "VIEWER").ToString() })
        {
            Assert.Contains("Roles = [EDITOR, VIEWER]", text, StringComparison.Ordinal);
            Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        }

        Assert.Contains("a@example.com (Sent)", outcome.ToString(), StringComparison.Ordinal);
        Assert.Empty(outcome.DeliveryFailures);
    }

    [Fact]
    public async Task Changing_roles_keeps_the_owner_flag_unless_it_is_given()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = (await kit.Manager.InviteAsync(kit.Owner, new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("a@example.com", ["VIEWER"], GrantsOwner: true)]))).ShouldSucceed().Invitations[0].Id;
        Assert.True((await kit.Manager.ChangeRolesAsync(kit.Owner, id, ["EDITOR"])).ShouldSucceed().GrantsOwner);
        Assert.False((await kit.Manager.ChangeRolesAsync(kit.Owner, id, ["EDITOR"], grantsOwner: false)).ShouldSucceed().GrantsOwner);
    }
}
