// Menu entries of the projects pages: staff and residents share the paths; the pages adapt.
import { FileProtectOutlined, ProjectOutlined } from "@ant-design/icons";
import type { NavItem } from "../../layout/AppLayout";

export const projectsNav: NavItem[] = [
  {
    path: "/decide/projects",
    key: "navProjects",
    icon: <ProjectOutlined />,
    perm: ["decide.read", "decide.participate"],
    residents: true,
    group: "decide",
  },
  {
    path: "/decide/agreements",
    key: "navAgreements",
    icon: <FileProtectOutlined />,
    perm: ["decide.read", "decide.participate"],
    residents: true,
    group: "decide",
  },
];
