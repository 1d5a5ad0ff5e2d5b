// Menu entries of the disclosure pages.
import { AuditOutlined, BarChartOutlined, CommentOutlined, NotificationOutlined } from "@ant-design/icons";
import type { NavItem } from "../../layout/AppLayout";

export const disclosureNav: NavItem[] = [
  {
    path: "/decide/disclosures",
    key: "navDiscDisclosures",
    icon: <NotificationOutlined />,
    perm: ["decide.read", "decide.participate"],
    residents: true,
    group: "decide",
  },
  {
    path: "/decide/disclosure-opinions",
    key: "navDiscOpinions",
    icon: <CommentOutlined />,
    perm: "decide.read",
    group: "decide",
  },
  { path: "/decide/disclosure-stats", key: "navDiscStats", icon: <BarChartOutlined />, perm: "decide.read", group: "decide" },
  {
    path: "/decide/listings",
    key: "navDiscListings",
    icon: <AuditOutlined />,
    perm: ["decide.read", "decide.participate"],
    residents: true,
    group: "decide",
  },
];
