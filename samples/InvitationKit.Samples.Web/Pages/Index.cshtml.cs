using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvitationKit.Samples.Web.Pages;

/// <summary>The home page: what the sample shows and who the demo users are.</summary>
public sealed class IndexModel : PageModel;
