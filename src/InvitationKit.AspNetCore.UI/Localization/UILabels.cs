namespace InvitationKit.AspNetCore.UI.Localization;

/// <summary>The English text (the <see cref="UIText"/> key) of each status and delivery state the screens show.</summary>
internal static class UILabels
{
    /// <summary>The text of an invitation's status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>Its text.</returns>
    public static string Of(InvitationStatus status) => status switch
    {
        InvitationStatus.Pending => "Pending",
        InvitationStatus.Accepted => "Accepted",
        InvitationStatus.Rejected => "Declined",
        InvitationStatus.Revoked => "Revoked",
        InvitationStatus.Expired => "Expired",
        _ => status.ToString(),
    };

    /// <summary>The text of an invitation's delivery state.</summary>
    /// <param name="delivery">The state.</param>
    /// <returns>Its text.</returns>
    public static string Of(DeliveryState delivery) => delivery switch
    {
        DeliveryState.NotSent => "Not sent yet",
        DeliveryState.Sent => "Sent",
        DeliveryState.Failed => "Failed",
        DeliveryState.HandedToHost => "Handed to the host",
        _ => delivery.ToString(),
    };
}
