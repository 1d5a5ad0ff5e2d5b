// Menu entries of the evaluation pages.
import { StarOutlined } from "@ant-design/icons";
import type { NavItem } from "../../layout/AppLayout";

export const evaluationNav: NavItem[] = [
  { path: "/decide/surveys", key: "navEvalSurveys", icon: <StarOutlined />, perm: "decide.read", group: "decide" },
  {
    path: "/decide/evaluate",
    key: "navEvalResident",
    icon: <StarOutlined />,
    perm: "decide.participate",
    residents: true,
    group: "decide",
  },
];
