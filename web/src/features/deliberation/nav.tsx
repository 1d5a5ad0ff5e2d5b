// Menu entries of the deliberation pages.
import { BarChartOutlined, FileTextOutlined, LikeOutlined, ProfileOutlined, TeamOutlined } from "@ant-design/icons";
import type { NavItem } from "../../layout/AppLayout";

export const deliberationNav: NavItem[] = [
  // Residents
  {
    path: "/decide/back",
    key: "navDlBack",
    icon: <LikeOutlined />,
    perm: "decide.participate",
    residents: true,
    group: "decide",
  },
  {
    path: "/decide/my-proposals",
    key: "navDlMine",
    icon: <ProfileOutlined />,
    perm: "decide.participate",
    residents: true,
    group: "decide",
  },
  // Staff
  { path: "/decide/bodies", key: "navDlBodies", icon: <TeamOutlined />, perm: "decide.read", group: "decide" },
  { path: "/decide/proposals", key: "navDlProposals", icon: <FileTextOutlined />, perm: "decide.read", group: "decide" },
  { path: "/decide/proposal-stats", key: "navDlStats", icon: <BarChartOutlined />, perm: "decide.read", group: "decide" },
];
